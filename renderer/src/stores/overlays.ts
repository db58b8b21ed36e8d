import { create } from 'zustand';

/**
 * Open modal dialogs, innermost last. A modal <dialog> makes the rest of the page inert, so
 * the message region moves into the innermost one while it is open.
 */
export interface OverlayState {
  stack: HTMLElement[];
  pushOverlay(el: HTMLElement): void;
  removeOverlay(el: HTMLElement): void;
}

export const useOverlays = create<OverlayState>()((set, get) => ({
  stack: [],
  pushOverlay: (el) => set({ stack: [...get().stack.filter((e) => e !== el), el] }),
  removeOverlay: (el) => set({ stack: get().stack.filter((e) => e !== el) }),
}));
