// Filled in by the catalog module; see docs/architecture.md.
export {};
