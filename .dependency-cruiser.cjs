// One-way imports: no file reaches itself through its imports. Type-only imports
// count too, because a type cycle is a shared type that belongs a layer lower.
// Layering (which folder may import which) stays in eslint.config.js.
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycle: move the shared part (often a type) down into a file both can import.',
      from: {},
      to: { circular: true }
    }
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)node_modules/' }
  }
}
