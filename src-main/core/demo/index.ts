/** The demo district: a seeded, realistic office for first start, demos and benchmarks. See README.md. */
export {
  DEMO_DEFAULT_ACCOUNTS,
  DEMO_DEFAULT_SEED,
  DEMO_DISTRICT_NAME,
  DEMO_PASSWORD,
  DEMO_READ_MONTHS,
  DEMO_USERS,
  MAX_DEMO_ACCOUNTS,
  createDemoDistrict,
  type DemoOptions,
  type DemoSummary,
} from './district';
