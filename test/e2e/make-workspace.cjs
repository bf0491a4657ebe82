// Builds the e2e workspace: the examples, two journeys the suite edits, and a
// sample store written by the real CLI (`journey sample`), with settings
// pointing the extension at it. Usage: node make-workspace.cjs ROOT WS
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [root, ws] = process.argv.slice(2);
fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
fs.cpSync(path.join(root, 'examples'), path.join(ws, 'examples'), { recursive: true });
fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({
    'journey.store': 'journey.sqlite',
    'journey.today': '2026-06-30',
}, null, 2));
fs.writeFileSync(path.join(ws, 'funnel.journey'), `// Which visitors submit a form and then book a meeting?
journey "Web to meeting" {
    source contacts
    dates from 2025-01-01 to 2026-06-30

    stage "Viewed a page" {
        event page_viewed
    }

    stage "Submitted a form" {
        event form_submitted
        event cta_clicked
    }

    stage "Booked a meeting" {
        event meeting_booked
    }
}
`);
fs.writeFileSync(path.join(ws, 'rich.journey'), `// Every kind of chart: breakdown, top events, Pathfinder.
journey "Rich report" {
    source contacts
    stage "Viewed a page" {
        event page_viewed breakdown by url_path top 5
    }
    stage "Submitted a form" {
        event form_submitted
        paths before depth 3 top 5
    }
    stage "In between" {
        top events 3 among email_opened, email_clicked, call_logged, ad_clicked
    }
    stage "Booked a meeting" {
        event meeting_booked
    }
}
`);
fs.writeFileSync(path.join(ws, 'explore.journey'), `journey "Explore" {
    stage "Visited" {
        event page_viewed
    }
    stage "Met" { evnt meeting_booked }
}
`);
execFileSync(process.execPath, [path.join(root, 'bin', 'journey.cjs'), 'sample', '--db', path.join(ws, 'journey.sqlite'),
    '--contacts', '400', '--seed', '3', '--force'], { stdio: 'inherit' });
