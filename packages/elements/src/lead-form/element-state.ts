/** Adds or removes a custom state (`:state(name)` in CSS). */
export function toggleState(states: CustomStateSet, name: string, on: boolean): void {
  if (on) states.add(name);
  else states.delete(name);
}
