import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test, expect } from './fixtures'

// A folder and a page request as an attacker (or a careless sync tool) would make them.
test.describe('hostile folder and host API', () => {
  test.use({ cardSource: 'empty' })

  test('a name that is not UTF-8 and a 2 GB alias card show as errors; the good card shows; the host lives', async ({ page, cardFolder }) => {
    const good = '---\ntitle: "Harbour opens"\npublishedDateTime: 2024-05-01T10:00:00Z\nwebUrl: "https://news.example/harbour"\n---\n'
    await writeFile(join(cardFolder, '2024-05-01-harbour.md'), good)
    // café.md in Latin-1: a real file whose name is not UTF-8.
    await writeFile(Buffer.concat([Buffer.from(`${cardFolder}/caf`), Buffer.from([0xe9]), Buffer.from('.md')]), good.replace('Harbour opens', 'Latin-1 name'))
    await writeFile(join(cardFolder, 'bomb.md'), `---\ntitle: bomb\nblob: &s "${'x'.repeat(1024 * 1024)}"\nbomb: [${Array(2000).fill('*s').join(', ')}]\n---\n`)

    await expect(page.getByRole('listbox', { name: 'Cards' }).getByRole('option', { name: /Harbour opens/ })).toBeVisible()
    await page.getByRole('button', { name: /2 errors/ }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('caf\\xE9.md')
    await expect(dialog).toContainText('not valid UTF-8')
    await expect(dialog).toContainText('bomb.md')
    await expect(dialog).toContainText('16 MB')
  })

  test('a malformed call argument gets a 400 naming the call and the problem', async ({ request, tidings }) => {
    const response = await request.post(`${tidings.origin}/api/call/syncFolder`, { headers: { 'X-Tidings-Token': tidings.token, Origin: tidings.origin }, data: { arg: null } })
    expect(response.status()).toBe(400)
    expect(await response.json()).toEqual({ ok: false, error: 'syncFolder: wants an object {folder, manifest}, got null' })
  })
})
