// Keyboard behaviour of the search drop-down (WAI-ARIA combobox with a list box popup), kept
// apart from the view so it can be unit-tested.

export interface ComboState {
  open: boolean;
  /** Index of the option shown as active (aria-activedescendant), -1 for none. */
  active: number;
  count: number;
}

export type ComboAction =
  | { type: 'move'; active: number; open: true }
  | { type: 'select'; index: number }
  | { type: 'close' }
  | { type: 'clear' }
  | { type: 'none' };

/** What a key press on the input does; `handled` keys must not reach the browser's default. */
export function keyAction(key: string, state: ComboState, altKey = false): ComboAction {
  const { open, active, count } = state;
  switch (key) {
    case 'ArrowDown':
      if (count === 0) return { type: 'none' };
      if (!open) return { type: 'move', active: altKey ? -1 : 0, open: true };
      return { type: 'move', active: active + 1 >= count ? 0 : active + 1, open: true };
    case 'ArrowUp':
      if (count === 0) return { type: 'none' };
      if (!open) return { type: 'move', active: count - 1, open: true };
      return { type: 'move', active: active <= 0 ? count - 1 : active - 1, open: true };
    case 'Enter':
      return open && active >= 0 && active < count ? { type: 'select', index: active } : { type: 'none' };
    case 'Escape':
      return open ? { type: 'close' } : { type: 'clear' };
    case 'Tab':
      return open ? { type: 'close' } : { type: 'none' };
    default:
      return { type: 'none' };
  }
}

/** The shortest query worth sending to the search. */
export const MIN_QUERY = 2;

export function shouldSearch(query: string): boolean {
  return query.trim().length >= MIN_QUERY;
}
