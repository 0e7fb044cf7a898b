// The brand page uses the npm packages directly, as a brand's own build would.
export {};
