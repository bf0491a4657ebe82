/**
 * After a run, each stage line of the journey shows its count and conversion
 * at the end of the line, so the report can be read in the code itself.
 * The text is computed purely here; `StageDecorations` only places it.
 */
import type * as vscode from 'vscode';
import type { JourneyReport, StageReport } from '../../engine/report.js';
import type { JourneyLocation } from '../../protocol/journey-protocol.js';
import { formatCount, formatRate } from '../../report-view/numbers.js';

export function stageAnnotation(stage: StageReport, index: number): string {
    const count = `${formatCount(stage.count)} ${stage.count === 1 ? 'object' : 'objects'}`;
    if (index === 0) return `  ${count}`;
    return `  ${count} · ${formatRate(stage.conversionFromPrevious)} from previous · ${formatRate(stage.conversionFromFirst)} from first`;
}

export interface LineAnnotation {
    line: number;
    text: string;
}

/** Pairs each reported stage with its line; journeys and stages missing from either side are skipped. */
export function annotationsFor(reports: JourneyReport[], locations: JourneyLocation[]): LineAnnotation[] {
    const out: LineAnnotation[] = [];
    for (const report of reports) {
        const location = locations.find(l => l.journey === report.journey);
        if (!location) continue;
        out.push({ line: location.line, text: `  ${formatCount(report.entered)} entered · ${formatCount(report.completed)} completed · ${formatRate(report.conversionRate)}` });
        report.stages.forEach((stage, index) => {
            const at = location.stages.find(s => s.name === stage.name);
            if (at) out.push({ line: at.line, text: stageAnnotation(stage, index) });
        });
    }
    return out;
}

/** Holds the last run's annotations per document and paints them on visible editors. */
export class StageDecorations {
    private readonly byUri = new Map<string, { version: number; annotations: LineAnnotation[] }>();
    private readonly type: vscode.TextEditorDecorationType;

    constructor(private readonly vs: typeof vscode) {
        this.type = vs.window.createTextEditorDecorationType({
            after: { color: new vs.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 1.5em' },
            isWholeLine: false,
        });
    }

    set(document: vscode.TextDocument, annotations: LineAnnotation[]): void {
        this.byUri.set(document.uri.toString(), { version: document.version, annotations });
        this.paintAll();
    }

    /** An edit shifts lines, so annotations of a changed document are dropped until the next run. */
    documentChanged(document: vscode.TextDocument): void {
        const entry = this.byUri.get(document.uri.toString());
        if (entry && entry.version !== document.version) {
            this.byUri.delete(document.uri.toString());
            this.paintAll();
        }
    }

    paintAll(): void {
        for (const editor of this.vs.window.visibleTextEditors) {
            const entry = this.byUri.get(editor.document.uri.toString());
            const options: vscode.DecorationOptions[] = (entry?.annotations ?? [])
                .filter(a => a.line < editor.document.lineCount)
                .map(a => {
                    const end = editor.document.lineAt(a.line).range.end;
                    return { range: new this.vs.Range(end, end), renderOptions: { after: { contentText: a.text } } };
                });
            editor.setDecorations(this.type, options);
        }
    }

    dispose(): void {
        this.type.dispose();
    }
}
