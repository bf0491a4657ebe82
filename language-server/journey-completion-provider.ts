import type { MaybePromise } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type NextFeature } from 'langium/lsp';
export class JourneyCompletionProvider extends DefaultCompletionProvider {
    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        console.log('FEATURE', next.type, next.property, next.feature.$type, (next.feature as any).value ?? (next.feature as any).rule?.$refText, context.node?.$type);
        return super.completionFor(context, next, acceptor);
    }
}
