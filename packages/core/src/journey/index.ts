// Filled in by the journey module; see docs/architecture.md.
export {};
