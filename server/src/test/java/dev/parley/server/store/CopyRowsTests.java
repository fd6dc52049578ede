package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyRowsTests {

    @Test
    void encode_escapesSeparatorsAndBackslashes_andWritesNullsAsBackslashN() {
        UUID conversation = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID importId = UUID.fromString("00000000-0000-0000-0000-000000000002");
        var row = new StoredMessage(
                conversation,
                7,
                "2024-03-12T09:17:00Z",
                "2024-03-12T09:17",
                null,
                "TEXT",
                "tab\there\nnew line\r\\ back 😀",
                true,
                null,
                importId);

        String copy = new String(CopyRows.encode(List.of(row)), StandardCharsets.UTF_8);

        assertThat(copy)
                .isEqualTo(conversation + "\t7\t2024-03-12T09:17:00Z\t2024-03-12T09:17\t\\N\tTEXT\t"
                        + "tab\\there\\nnew line\\r\\\\ back 😀\tt\t\\N\t" + importId + "\n");
    }
}
