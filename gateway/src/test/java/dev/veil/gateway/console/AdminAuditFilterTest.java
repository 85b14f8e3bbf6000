package dev.veil.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.intake.Audit;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The admin pages' "Reveals only" audit filter asks for every kind of reveal the gateway audits, none left out. */
class AdminAuditFilterTest {

    @Test
    void theRevealsOnlyFilterNamesEveryAuditedRevealAction() throws Exception {
        Set<String> audited = new TreeSet<>();
        for (Field field : Audit.class.getFields()) {
            if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())) {
                audited.add((String) field.get(null));
            }
        }
        String admin = new String(ConsoleAssets.load().all().get("admin/admin.js").bytes(), StandardCharsets.UTF_8);
        Matcher filter = Pattern.compile("&action=([a-z_,]+)'").matcher(admin);

        assertThat(filter.find()).as("admin.js asks the audit log for reveals only").isTrue();
        assertThat(new TreeSet<>(Arrays.asList(filter.group(1).split(",")))).isEqualTo(audited);
        assertThat(audited).contains(Audit.DETOKENIZE, Audit.REPLY_REVEAL, Audit.PROXY_REVEAL);
    }
}
