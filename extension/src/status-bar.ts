/** The status bar item: the open store and its event count; a click picks another store. */
import * as vscode from 'vscode';
import type { StoreInfoResult } from '../../protocol/journey-protocol.js';
import { statusText } from './status-text.js';

export class StoreStatus implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('journey.store', vscode.StatusBarAlignment.Left, 50);

    constructor() {
        this.item.name = 'Journey store';
        this.item.command = 'journey.selectStore';
    }

    show(info: StoreInfoResult | undefined, restricted: boolean, error?: string): void {
        this.item.text = statusText(info, restricted);
        this.item.tooltip = restricted
            ? 'Restricted Mode: journey stores are not opened. Trust the workspace to run reports.'
            : error ?? (info ? `Journey store: ${info.store}${info.eventTypes >= 0 ? ` (${info.eventTypes} event types)` : ''} — click to pick another` : 'Click to pick a journey store');
        this.item.show();
    }

    dispose(): void {
        this.item.dispose();
    }
}
