import {
    inject, type Module, type LangiumCoreServices, type LangiumSharedCoreServices,
    type PartialLangiumCoreServices,
} from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
} from 'langium/lsp';
import { JourneyGeneratedSharedModule, JourneyLanguageGeneratedModule } from './generated/module.js';
import { JourneyValueConverter } from './journey-value-converter.js';
import { JourneyCatalogProvider } from './journey-catalog-provider.js';
import { JourneyDocumentValidator } from './journey-document-validator.js';
import { JourneyParserErrorMessageProvider } from './journey-parser-messages.js';
import { createGuardedParser } from './journey-parser-guard.js';
import { registerJourneyValidationChecks } from './journey-validator.js';
import { JourneyCompletionProvider } from './journey-completion-provider.js';
import { JourneyHoverProvider } from './journey-hover-provider.js';
import { JourneyCodeActionProvider } from './journey-code-action-provider.js';
import { JourneyFormatter } from './journey-formatter-service.js';

/** Services added by the journey language. */
export type JourneyAddedServices = {
    catalog: {
        /** The store's catalog, limits and today, shared by validation, completion and hover. */
        CatalogProvider: JourneyCatalogProvider;
    };
};

export type JourneyServices = LangiumServices & JourneyAddedServices;

/** The module file only wires services; each service lives in its own file. */
export const JourneyModule: Module<JourneyServices, PartialLangiumServices & JourneyAddedServices> = {
    parser: {
        ValueConverter: () => new JourneyValueConverter(),
        ParserErrorMessageProvider: () => new JourneyParserErrorMessageProvider(),
        LangiumParser: services => createGuardedParser(services),
    },
    validation: {
        DocumentValidator: services => new JourneyDocumentValidator(services),
    },
    catalog: {
        CatalogProvider: services => new JourneyCatalogProvider(services.shared),
    },
    lsp: {
        CompletionProvider: services => new JourneyCompletionProvider(services),
        HoverProvider: services => new JourneyHoverProvider(services),
        CodeActionProvider: services => new JourneyCodeActionProvider(services),
        Formatter: () => new JourneyFormatter(),
    },
};

/**
 * One factory for the language server, the CLI and tests.
 */
export function createJourneyServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Journey: JourneyServices;
} {
    const shared = inject(createDefaultSharedModule(context), JourneyGeneratedSharedModule);
    const Journey = inject(createDefaultModule({ shared }), JourneyLanguageGeneratedModule, JourneyModule);
    shared.ServiceRegistry.register(Journey);
    registerJourneyValidationChecks(Journey);
    return { shared, Journey };
}

export type { LangiumCoreServices, LangiumSharedCoreServices, PartialLangiumCoreServices };
