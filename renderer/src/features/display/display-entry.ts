export { DisplayApp } from './DisplayApp.js';

/** The customer display's address in both hosts: /display (app://pos/display in Electron). */
export const DISPLAY_PATH = '/display';
export const isDisplayPath = (pathname: string) => pathname === DISPLAY_PATH || pathname === `${DISPLAY_PATH}/`;
