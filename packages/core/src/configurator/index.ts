// Filled in by the configurator module; see docs/architecture.md.
export {};
