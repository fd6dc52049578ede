package dev.parley.loadtest.generator;

import dev.parley.ingest.MessageKind;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The seeded story of one group chat: who writes, when, and what. Format-neutral; writers turn each
 * {@link MessageDraft} into bytes. Holds O(participants) state, so any length of chat is constant memory.
 */
final class Conversation {

    /** Rough mean size of a written entry, used only to spread the chat over {@link GeneratorOptions#SPAN_SECONDS}. */
    private static final int MEAN_ENTRY_BYTES = 95;

    private final SplittableRandom random;
    private final boolean withAttachments;
    private final boolean ios;
    private final boolean telegram;
    private final String groupName;
    private final List<String> senders;
    private final double[] cumulativeWeights;
    private final double meanGapSeconds;
    private LocalDateTime time;
    private long entries;
    private int attachmentCounter;

    Conversation(GeneratorOptions options) {
        this.random = new SplittableRandom(options.seed());
        this.withAttachments = options.format() == ExportFormat.ZIP;
        this.ios = options.style() == ExportStyle.IOS;
        this.telegram = options.format() == ExportFormat.TELEGRAM_JSON;
        this.time = options.start();
        this.groupName = pick(ContentPools.GROUP_NAMES);
        this.senders = chooseSenders(options.participants());
        this.cumulativeWeights = zipfWeights(senders.size());
        long expectedEntries = Math.max(1, options.effectiveSpanBytes() / MEAN_ENTRY_BYTES);
        this.meanGapSeconds = Math.clamp((double) GeneratorOptions.SPAN_SECONDS / expectedEntries, 1.0, 4 * 3600.0);
    }

    String groupName() {
        return groupName;
    }

    List<String> senders() {
        return senders;
    }

    MessageDraft next() {
        MessageDraft draft = entries == 0 ? encryptionNotice() : nextEntry();
        entries++;
        return draft;
    }

    private MessageDraft encryptionNotice() {
        return system("Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp,"
                + " can read or listen to them. Tap to learn more.");
    }

    private MessageDraft nextEntry() {
        advanceTime();
        String sender = pickSender();
        int roll = random.nextInt(1000);
        if (roll < 780) {
            return text(sender);
        } else if (roll < 870) {
            return media(sender);
        } else if (roll < 895) {
            return systemEvent(sender);
        } else if (roll < 920 && !telegram) {
            // Telegram exports leave deleted messages out
            return draft(MessageKind.DELETED, sender, null, false, random.nextInt(4) == 0);
        } else if (roll < 930) {
            return poll(sender);
        } else if (roll < 940) {
            double lat = -60 + random.nextDouble() * 120;
            double lon = -180 + random.nextDouble() * 360;
            return new MessageDraft(
                    MessageKind.LOCATION, time, sender, null, false, false, null, null, List.of(), lat, lon);
        } else if (roll < 950 && ios) {
            return draft(MessageKind.CALL, sender, random.nextBoolean() ? "Missed voice call" : "Missed video call");
        } else if (roll < 955 && withAttachments) {
            String contact = pick(ContentPools.CONTACT_NAMES);
            String file = ios ? attachmentPrefix() + contact + ".vcf" : contact + ".vcf";
            return new MessageDraft(
                    MessageKind.CONTACT, time, sender, contact, false, false, null, file, List.of(), 0, 0);
        }
        return text(sender);
    }

    private MessageDraft text(String sender) {
        StringBuilder text = new StringBuilder(96);
        sentence(text);
        int shape = random.nextInt(100);
        if (shape < 7) {
            multiLine(text);
        } else if (shape < 12) {
            text.append(' ').append(link());
        } else if (shape < 13) {
            paragraph(text);
        }
        boolean edited = random.nextInt(100) < 3;
        return draft(MessageKind.TEXT, sender, text.toString(), edited, false);
    }

    private void multiLine(StringBuilder text) {
        int lines = 1 + random.nextInt(5);
        for (int i = 0; i < lines; i++) {
            text.append('\n');
            int kind = random.nextInt(10);
            if (kind < 2) {
                text.append('\n'); // a blank line inside the message
                sentence(text);
            } else if (kind == 2) {
                text.append(pick(ContentPools.DATE_LIKE_CONTINUATIONS));
            } else if (kind == 3) {
                text.append("- ").append(pick(ContentPools.WORDS));
            } else {
                sentence(text);
            }
        }
    }

    private void paragraph(StringBuilder text) {
        int sentences = 5 + random.nextInt(15);
        for (int i = 0; i < sentences; i++) {
            text.append(". ");
            sentence(text);
        }
    }

    private void sentence(StringBuilder text) {
        int words = 1 + random.nextInt(12);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            if (random.nextInt(8) == 0) {
                text.append(pick(ContentPools.EMOJI));
            } else {
                text.append(pick(ContentPools.WORDS));
            }
        }
        if (random.nextInt(5) == 0) {
            text.append(random.nextBoolean() ? "!" : "?");
        }
    }

    private String link() {
        StringBuilder url = new StringBuilder(48);
        url.append(random.nextInt(6) == 0 ? "http://" : "https://").append(pick(ContentPools.DOMAINS));
        int segments = random.nextInt(3);
        for (int i = 0; i < segments; i++) {
            url.append('/').append(pick(ContentPools.PATH_SEGMENTS));
        }
        if (random.nextBoolean()) {
            url.append("?v=").append(Long.toString(random.nextLong(1L << 40), 36));
        }
        return url.toString();
    }

    private MessageDraft media(String sender) {
        MediaType type = MediaType.values()[weightedMediaIndex()];
        String caption = random.nextInt(5) == 0 ? sentenceText() : null;
        String file = withAttachments ? attachmentName(type) : null;
        return new MessageDraft(MessageKind.MEDIA, time, sender, caption, false, false, type, file, List.of(), 0, 0);
    }

    private int weightedMediaIndex() {
        int roll = random.nextInt(100);
        if (roll < 60) {
            return 0; // image
        } else if (roll < 75) {
            return 1; // video
        } else if (roll < 88) {
            return 2; // voice note
        } else if (roll < 95) {
            return 3; // sticker
        } else if (roll < 98) {
            return 4; // gif
        }
        return 5; // document
    }

    private String attachmentName(MediaType type) {
        if (ios) {
            return attachmentPrefix() + type.iosWord + "-" + time.toLocalDate() + "-" + pad2(time.getHour()) + "-"
                    + pad2(time.getMinute()) + "-" + pad2(time.getSecond()) + "." + type.extension;
        }
        attachmentCounter++;
        return type.androidPrefix + "-" + time.getYear() + pad2(time.getMonthValue()) + pad2(time.getDayOfMonth())
                + "-WA" + String.format("%04d", attachmentCounter % 10000) + "." + type.extension;
    }

    private String attachmentPrefix() {
        attachmentCounter++;
        return String.format("%08d-", attachmentCounter);
    }

    private MessageDraft systemEvent(String actor) {
        String other = pickSender();
        String text = switch (random.nextInt(7)) {
            case 0 -> actor + " added " + other;
            case 1 -> other + " left";
            case 2 -> actor + " removed " + other;
            // a subject holding ": " must not be split into author and text
            case 3 -> actor + " changed the subject to \"Trip: " + pick(ContentPools.WORDS) + "\"";
            case 4 -> actor + " changed this group's icon";
            case 5 -> actor + " changed the group description";
            default -> other + " joined using this group's invite link";
        };
        return system(text);
    }

    private MessageDraft system(String text) {
        return draft(MessageKind.SYSTEM, null, text);
    }

    private MessageDraft poll(String sender) {
        int count = 2 + random.nextInt(3);
        List<MessageDraft.PollOption> options = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            options.add(new MessageDraft.PollOption(pick(ContentPools.POLL_OPTIONS), random.nextInt(6)));
        }
        return new MessageDraft(
                MessageKind.POLL,
                time,
                sender,
                pick(ContentPools.POLL_QUESTIONS),
                false,
                false,
                null,
                null,
                List.copyOf(options),
                0,
                0);
    }

    private String sentenceText() {
        StringBuilder text = new StringBuilder(64);
        sentence(text);
        return text.toString();
    }

    private MessageDraft draft(MessageKind kind, @Nullable String sender, String text) {
        return draft(kind, sender, text, false, false);
    }

    private MessageDraft draft(
            MessageKind kind, @Nullable String sender, @Nullable String text, boolean edited, boolean byMe) {
        return new MessageDraft(kind, time, sender, text, edited, byMe, null, null, List.of(), 0, 0);
    }

    /**
     * Bursts of quick replies, pauses of minutes and quiet stretches of hours, scaled so the whole chat spans
     * about six years. Time never runs backwards.
     */
    private void advanceTime() {
        int mode = random.nextInt(100);
        double scale = mode < 70 ? 0.2 : mode < 95 ? 1.6 : 9.2;
        double gap = -Math.log(1.0 - random.nextDouble()) * scale * meanGapSeconds;
        time = time.plusSeconds((long) gap);
    }

    private String pickSender() {
        double roll = random.nextDouble();
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (roll < cumulativeWeights[i]) {
                return senders.get(i);
            }
        }
        return senders.getLast();
    }

    private List<String> chooseSenders(int count) {
        List<String> pool = new ArrayList<>(ContentPools.CONTACT_NAMES);
        List<String> chosen = new ArrayList<>(count);
        // a few senders outside the address book: "~ Name" and bare phone numbers
        chosen.add(pick(ContentPools.NON_CONTACT_NAMES));
        if (count > 2) {
            chosen.add(pick(ContentPools.PHONE_NUMBERS));
        }
        while (chosen.size() < count) {
            String name = pool.isEmpty() ? "Member " + chosen.size() : pool.remove(random.nextInt(pool.size()));
            chosen.add(name);
        }
        // most active first, so the Zipf weights do not always favour the non-contacts
        for (int i = chosen.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            chosen.set(i, chosen.set(j, chosen.get(i)));
        }
        return List.copyOf(chosen);
    }

    private static double[] zipfWeights(int count) {
        double[] cumulative = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += 1.0 / (i + 1);
            cumulative[i] = total;
        }
        for (int i = 0; i < count; i++) {
            cumulative[i] /= total;
        }
        return cumulative;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String pad2(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
