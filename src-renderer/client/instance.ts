/** The app's one client, on whichever transport this window has. */
import { OfficeClient } from './client';
import { detectTransport } from './transport';

export const client = new OfficeClient(detectTransport(), window.sessionStorage);
