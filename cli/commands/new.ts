/**
 * `journey new FILE --template T` writes a journey from a sample template;
 * `journey new --list` prints the templates, one name and description a line.
 * Templates are `templates/*.journey`; a template's first line is a `//`
 * comment holding its one-line description (the file stays a valid journey).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand, CliIO } from '../cli-io.js';
import { UserError } from '../cli-io.js';
import { parseCommandArgs } from '../command-args.js';
import { writeFileAtomic } from '../write-output.js';
import { formatJourneyText } from '../../language-server/journey-formatter.js';

const USAGE = `Usage: journey new FILE --template T [--force]
       journey new --list

Writes FILE (".journey" is added when missing) from a sample template that
matches a common goal; the file is formatted and valid, ready to run with
'journey run FILE --db STORE'.

  --template T   the template's name (see --list)
  --list         print every template with its one-line description
  --force        replace FILE when it already exists`;

export interface JourneyTemplate {
    name: string;
    description: string;
    text: string;
}

/**
 * The templates folder: beside the bundle (`out/` → `../templates`) or, when
 * running from source, at the project root.
 */
export function templatesFolder(): string {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const candidates = [path.join(here, '../templates'), path.join(here, '../../templates')];
    const found = candidates.find(dir => existsSync(dir));
    if (!found) throw new UserError(`the journey templates were not found (looked in ${candidates.join(', ')})`);
    return found;
}

/** Every template, by name. */
export function listTemplates(folder = templatesFolder()): JourneyTemplate[] {
    return readdirSync(folder)
        .filter(file => file.endsWith('.journey'))
        .sort()
        .map(file => {
            const text = readFileSync(path.join(folder, file), 'utf8');
            const first = /^\/\/\s*(.*)$/m.exec(text.split('\n', 1)[0]);
            return { name: file.slice(0, -'.journey'.length), description: first ? first[1].trim() : '', text };
        });
}

export function findTemplate(name: string, templates = listTemplates()): JourneyTemplate {
    const template = templates.find(t => t.name === name);
    if (!template) {
        throw new UserError(`there is no template '${name}' (the templates are ${templates.map(t => t.name).join(', ')}; see 'journey new --list')`);
    }
    return template;
}

export const newCommand: CliCommand = {
    name: 'new',
    summary: 'write a journey from a sample template (--list shows them)',
    usage: USAGE,
    async run(args: string[], io: CliIO): Promise<number> {
        const { values, positionals } = parseCommandArgs('new', args, {
            template: { type: 'string' },
            list: { type: 'boolean' },
            force: { type: 'boolean' },
        });
        if (values.list) {
            const templates = listTemplates();
            const width = Math.max(...templates.map(t => t.name.length));
            for (const t of templates) io.stdout(`${t.name.padEnd(width)}  ${t.description}\n`);
            return 0;
        }
        if (positionals.length !== 1) {
            throw new UserError(`give one file to write, as in 'journey new pages.journey --template pages-to-deals'`, 2);
        }
        if (!values.template) throw new UserError(`--template T is required (see 'journey new --list')`, 2);
        const template = findTemplate(values.template);
        const file = positionals[0].endsWith('.journey') ? positionals[0] : `${positionals[0]}.journey`;
        const target = path.resolve(io.cwd, file);
        if (existsSync(target) && !values.force) throw new UserError(`${file} already exists; pass --force to replace it`);
        // Formatted on the way out, so the file is in the canonical layout whatever the formatter's version.
        writeFileAtomic(target, formatJourneyText(template.text));
        io.stderr(`Wrote ${file} from the template '${template.name}'; run it with 'journey run ${file} --db STORE'\n`);
        return 0;
    },
};
