package dev.parley.server.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared {@link TestInfrastructure} before the first test class that needs it and keeps it in the root
 * store, which closes it once after the whole run.
 */
public final class InfrastructureExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.create(InfrastructureExtension.class))
                .computeIfAbsent(
                        TestInfrastructure.class, key -> TestInfrastructure.shared(), TestInfrastructure.class);
    }
}
