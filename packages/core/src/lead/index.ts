// Filled in by the lead module; see docs/architecture.md.
export {};
