import { describe, expect, it } from 'vitest';
import { keyAction, shouldSearch } from './combobox';

describe('search drop-down keyboard', () => {
  const open = (active: number, count = 3) => ({ open: true, active, count });

  it('opens on ArrowDown at the first option and moves down, wrapping to the top', () => {
    expect(keyAction('ArrowDown', { open: false, active: -1, count: 3 })).toEqual({
      type: 'move',
      active: 0,
      open: true,
    });
    expect(keyAction('ArrowDown', open(0))).toEqual({ type: 'move', active: 1, open: true });
    expect(keyAction('ArrowDown', open(2))).toEqual({ type: 'move', active: 0, open: true });
  });

  it('moves up with ArrowUp, wrapping to the bottom', () => {
    expect(keyAction('ArrowUp', open(1))).toEqual({ type: 'move', active: 0, open: true });
    expect(keyAction('ArrowUp', open(0))).toEqual({ type: 'move', active: 2, open: true });
    expect(keyAction('ArrowUp', { open: false, active: -1, count: 3 })).toEqual({
      type: 'move',
      active: 2,
      open: true,
    });
  });

  it('chooses the active option with Enter, and does nothing without one', () => {
    expect(keyAction('Enter', open(1))).toEqual({ type: 'select', index: 1 });
    expect(keyAction('Enter', open(-1))).toEqual({ type: 'none' });
    expect(keyAction('Enter', { open: false, active: 1, count: 3 })).toEqual({ type: 'none' });
  });

  it('closes with Escape, and clears the box on a second Escape', () => {
    expect(keyAction('Escape', open(0))).toEqual({ type: 'close' });
    expect(keyAction('Escape', { open: false, active: -1, count: 3 })).toEqual({ type: 'clear' });
  });

  it('ignores arrows when nothing matched', () => {
    expect(keyAction('ArrowDown', { open: false, active: -1, count: 0 })).toEqual({ type: 'none' });
  });

  it('searches from two characters', () => {
    expect(shouldSearch('W')).toBe(false);
    expect(shouldSearch(' Wa ')).toBe(true);
  });
});
