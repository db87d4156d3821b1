package org.yimatong.hub.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The console's pages, {@code templates/console/<method>.html}. Type-safe: the build fails when a template names a
 * property its data does not have. Qute escapes every value for HTML.
 */
@CheckedTemplate(basePath = "console")
public final class ConsolePages {

    private ConsolePages() {
    }

    /** The login form; {@code error} is empty on the first visit. */
    public static native TemplateInstance login(String error);

    public static native TemplateInstance tree(ConsoleViews.Tree tree);

    public static native TemplateInstance batches(ConsoleViews.Batches batches);

    public static native TemplateInstance appeals(ConsoleViews.Appeals appeals);

    public static native TemplateInstance audit(ConsoleViews.Audit audit);

    /** A page whose data could not be gathered; {@code page} names it. */
    public static native TemplateInstance unavailable(String page);
}
