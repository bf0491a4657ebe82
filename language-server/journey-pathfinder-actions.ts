/**
 * Quick fixes on a `paths` line: after a run has produced Pathfinder rows for
 * that stage, each row can become stages inserted before (`paths before`) or
 * after (`paths after`) the stage. The whole document is replaced by the
 * formatted result so the file stays canonical.
 */
import type { LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { JourneyFile } from './generated/ast.js';
import type { JourneyReport } from '../engine/report.js';
import { insertPathStages } from './journey-pathfinder-stages.js';

/** At most this many rows are offered as fixes (the report may list more). */
export const MAX_PATH_ACTIONS = 5;

export function pathfinderCodeActions(document: LangiumDocument, params: CodeActionParams, reports: JourneyReport[] | undefined,
    maxStages = 15): CodeAction[] {
    if (!reports?.length) return [];
    const file = document.parseResult.value as JourneyFile;
    const line = params.range.start.line;
    const text = document.textDocument.getText();
    for (const journey of file.journeys ?? []) {
        for (const stage of journey.stages) {
            const paths = stage.items.find(item => item.$type === 'PathsItem' && item.$cstNode
                && item.$cstNode.range.start.line <= line && item.$cstNode.range.end.line >= line);
            if (!paths) continue;
            const rows = reports.find(r => r.journey === journey.name)?.stages.find(s => s.name === stage.name)?.paths;
            if (!rows?.rows.length) return [];
            const actions: CodeAction[] = [];
            rows.rows.slice(0, MAX_PATH_ACTIONS).forEach((row, index) => {
                const result = insertPathStages(text, { journey: journey.name, stage: stage.name, direction: rows.direction, events: row.events }, maxStages);
                if (!result.ok) return;
                actions.push({
                    title: `Pathfinder #${index + 1}: add ${row.events.join(' → ')} as stages ${rows.direction} "${stage.name}" (${row.count} objects)`,
                    kind: CodeActionKind.QuickFix,
                    edit: {
                        changes: {
                            [document.uri.toString()]: [{
                                range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) },
                                newText: result.text,
                            }],
                        },
                    },
                });
            });
            return actions;
        }
    }
    return [];
}
