// Filled in by the api module; see docs/architecture.md.
export {};
