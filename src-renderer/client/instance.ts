/** The app's one client, on whichever transport this window has, and its change feed. */
import { ChangeFeed } from './changes';
import { OfficeClient } from './client';
import { detectTransport } from './transport';

export const client = new OfficeClient(detectTransport(), window.sessionStorage);
export const changeFeed = new ChangeFeed(client);
