/** The API_TOKEN the Worker runs with in its tests (vitest.config.ts). */
export const WORKER_TEST_TOKEN = 'workerd-test-token-0123456789';
