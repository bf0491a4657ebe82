/**
 * Reads a journey file for the commands that run journeys (run, export,
 * demo): parses and validates it with the language server's own services,
 * fails with `path:line:col` lines on errors, picks `--journey NAME`, and
 * builds the plans with a fixed "today".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Journey } from '../language-server/generated/ast.js';
import { createJourneyServices, type JourneyServices } from '../language-server/journey-module.js';
import { loadJourneyText } from '../language-server/journey-document-loader.js';
import { DEFAULT_LIMITS, type JourneyLimits } from '../language-server/journey-limits.js';
import { buildPlan } from '../engine/plan-builder.js';
import type { JourneyPlan } from '../engine/plan.js';
import { utcToday } from '../engine/dates.js';
import { UserError } from './cli-io.js';

export interface LoadJourneysOptions {
    /** Folder relative paths are resolved against (the command's cwd). */
    cwd: string;
    /** `--journey NAME`: only that journey. */
    journey?: string;
    /** `--today`: the run's date for relative ranges (default: the current UTC day). */
    today?: string;
    /** `--limits`: raised validation limits. */
    limits?: JourneyLimits;
}

export interface LoadedJourneys {
    /** The plans to run, in file order (one when `--journey` was given). */
    plans: JourneyPlan[];
    /** True when one journey was asked for by name: JSON then prints an object, not an array. */
    single: boolean;
    /** Warnings and information about the journeys run, as `path:line:col severity code message`. */
    notes: string[];
}

let services: JourneyServices | undefined;

function journeyServices(): JourneyServices {
    services ??= createJourneyServices(NodeFileSystem).Journey;
    return services;
}

/** The run's limits and today reach the validator through its catalog provider (so `dates` checks use --today). */
function configureValidation(journey: JourneyServices, options: LoadJourneysOptions): void {
    const provider = journey.catalog.CatalogProvider;
    provider.setLimits(options.limits ?? DEFAULT_LIMITS);
    provider.setToday(options.today);
}

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'information' };

/** One diagnostic as `journey check` prints it: lines and columns from 1. */
export function formatDiagnostic(displayPath: string, diagnostic: Diagnostic): string {
    const { line, character } = diagnostic.range.start;
    const severity = SEVERITY[diagnostic.severity ?? 1] ?? 'error';
    const code = diagnostic.code !== undefined ? ` ${diagnostic.code}` : '';
    return `${displayPath}:${line + 1}:${character + 1} ${severity}${code} ${diagnostic.message.replace(/\s*\n\s*/g, ' ')}`;
}

export async function loadJourneys(file: string, options: LoadJourneysOptions): Promise<LoadedJourneys> {
    const absolute = path.resolve(options.cwd, file);
    let text: string;
    try {
        text = readFileSync(absolute, 'utf8');
    } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ENOENT') throw new UserError(`${file}: no such file`);
        if (code === 'EISDIR') throw new UserError(`${file} is a folder, not a journey file`);
        throw new UserError(`${file} cannot be read: ${(error as Error).message}`);
    }
    const journeyServicesInstance = journeyServices();
    configureValidation(journeyServicesInstance, options);
    const loaded = await loadJourneyText(journeyServicesInstance, text, absolute);
    const journeys = loaded.file?.journeys ?? [];
    const selected = selectJourneys(file, journeys, options.journey);

    // Diagnostics inside another journey do not stop `--journey NAME`; those
    // outside every journey (syntax errors between journeys) always do.
    const relevant = loaded.diagnostics.filter(d => belongsToSelection(d, journeys, selected));
    const errors = relevant.filter(d => (d.severity ?? 1) === 1);
    if (errors.length > 0) {
        const lines = errors.map(d => `  ${formatDiagnostic(file, d)}`);
        throw new UserError(`${file} is not valid (${errors.length} error${errors.length === 1 ? '' : 's'}); nothing was run:\n${lines.join('\n')}`);
    }
    if (selected.length === 0) throw new UserError(`${file} holds no journey to run`);
    const today = options.today ?? utcToday();
    return {
        plans: selected.map(journey => buildPlan(journey, { today })),
        single: options.journey !== undefined,
        notes: relevant.map(d => formatDiagnostic(file, d)),
    };
}

function selectJourneys(file: string, journeys: Journey[], name: string | undefined): Journey[] {
    if (name === undefined) return journeys;
    const found = journeys.find(j => j.name === name);
    if (!found) {
        const names = journeys.map(j => JSON.stringify(j.name)).join(', ');
        throw new UserError(`${file} has no journey named ${JSON.stringify(name)}${names ? ` (it has ${names})` : ''}`);
    }
    return [found];
}

function belongsToSelection(diagnostic: Diagnostic, all: Journey[], selected: Journey[]): boolean {
    if (selected.length === all.length) return true;
    const owner = all.find(j => contains(j, diagnostic));
    return owner === undefined || selected.includes(owner);
}

function contains(journey: Journey, diagnostic: Diagnostic): boolean {
    const range = journey.$cstNode?.range;
    if (!range) return false;
    const { line, character } = diagnostic.range.start;
    const afterStart = line > range.start.line || (line === range.start.line && character >= range.start.character);
    const beforeEnd = line < range.end.line || (line === range.end.line && character <= range.end.character);
    return afterStart && beforeEnd;
}
