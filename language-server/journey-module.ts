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

/** Services added by the journey language. */
export type JourneyAddedServices = object;

export type JourneyServices = LangiumServices & JourneyAddedServices;

/** The module file only wires services; each service lives in its own file. */
export const JourneyModule: Module<JourneyServices, PartialLangiumServices & JourneyAddedServices> = {
    parser: {
        ValueConverter: () => new JourneyValueConverter(),
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
    return { shared, Journey };
}

export type { LangiumCoreServices, LangiumSharedCoreServices, PartialLangiumCoreServices };
