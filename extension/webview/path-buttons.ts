/**
 * Pathfinder rows in the report page get "Add as stages": the host inserts
 * the row's events as stages before (`paths before`) or after (`paths after`)
 * the stage in the file. The page sends only the row's position; the host
 * reads the events from its own copy of the report.
 */
import type { WebviewToHostMessage } from '../../protocol/journey-protocol.js';
import { el } from './render.js';

export function withPathButtons(table: HTMLTableElement, journey: string, stage: string, direction: 'before' | 'after'): HTMLTableElement {
    table.querySelector('thead tr')?.append(el('th', { scope: 'col' }, 'stages'));
    table.querySelectorAll('tbody tr').forEach((row, index) => {
        row.append(el('td', {}, el('button', {
            type: 'button', 'data-path-action': 'addStages', 'data-journey': journey, 'data-stage': stage, 'data-row': String(index),
            title: `Insert these events as stages ${direction} "${stage}" in the file`,
        }, `Add ${direction}`)));
    });
    return table;
}

export function installPathHandlers(root: HTMLElement, post: (message: WebviewToHostMessage) => void): void {
    root.addEventListener('click', event => {
        const button = (event.target as HTMLElement).closest<HTMLElement>('[data-path-action="addStages"]');
        const d = button?.dataset;
        if (!d?.journey || !d.stage || d.row === undefined) return;
        post({ type: 'pathStages', journey: d.journey, stage: d.stage, row: Number(d.row) });
    });
}
