// The language server's process entry: LSP over stdio/IPC, started by the extension.
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createJourneyServices } from './journey-module.js';
import { registerJourneyReportRequests } from './journey-report-requests.js';
import { registerJourneyEditorRequests } from './journey-editor-requests.js';

const connection = createConnection(ProposedFeatures.all);
const { shared, Journey } = createJourneyServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
// Report runs, exports, import and sample (protocol/journey-protocol.ts).
const reportRequests = registerJourneyReportRequests(connection, Journey);
// Compare with a previous version, catalog events for guided creation (protocol/journey-protocol.ts).
registerJourneyEditorRequests(connection, Journey, reportRequests);
