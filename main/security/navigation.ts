/** In-app navigation may only stay on our own origin; everything else is blocked. */
import { originOf } from './origins';

export const isAllowedNavigation = (url: string, appOrigin: string): boolean => originOf(url) === appOrigin;
