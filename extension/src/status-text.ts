/** What the status bar item says (pure, tested without VS Code). */
import path from 'node:path';
import type { StoreInfoResult } from '../../protocol/journey-protocol.js';
import { formatCount } from '../../report-view/numbers.js';

/** The item's text for a store's info (pure, tested). */
export function statusText(info: StoreInfoResult | undefined, restricted: boolean): string {
    if (restricted) return '$(shield) Journey: restricted';
    if (!info) return '$(database) Journey: no store';
    const name = info.store.includes('://') ? info.store : path.basename(info.store);
    if (!info.exists) return `$(database) ${name} (missing)`;
    if (info.totalEvents < 0) return `$(database) ${name}`;
    return `$(database) ${name} · ${formatCount(info.totalEvents)} events`;
}
