// Filled in by the build module; see docs/architecture.md.
export {};
