// The seeded PRNG lives in src/shared/testing so pure tests can use it too.
export { seeded } from '../../../../shared/testing/seeded'
