package dev.parley.ingest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The wording WhatsApp writes instead of content, in the most used export languages (English, Spanish,
 * Portuguese, German, French, Italian, Dutch, Russian, Turkish, Indonesian, Arabic, Hindi, Polish, Ukrainian,
 * Japanese, Korean, Chinese, Persian, Vietnamese, Malay and a few more). English, German, Spanish and
 * Portuguese come from real exports; the rest is best effort and an unknown wording stays a TEXT message.
 */
final class WhatsAppPlaceholders {

    /** Whole-line placeholders: media left out (Android), iOS "image omitted" family, deletions, calls. */
    private static final Map<String, Placeholder> EXACT = new HashMap<>();

    static final int LONGEST_EXACT;

    /**
     * Bit set of the (length, first, last character) shapes of the {@link #EXACT} keys. Nearly every line is no
     * placeholder; testing its shape first spares hashing it for the map, which was a tenth of a whole parse.
     */
    private static final long[] EXACT_SHAPES = new long[64];

    /** The same for the keys' UTF-8 (byte length, first and last byte), to test a line before it is decoded. */
    private static final long[] EXACT_BYTE_SHAPES = new long[64];

    /** Suffix of {@code NAME (file attached)}. */
    static final List<String> FILE_ATTACHED = List.of(
            " (file attached)",
            " (Datei angehängt)",
            " (arquivo anexado)",
            " (ficheiro anexado)",
            " (archivo adjunto)",
            " (fichier joint)",
            " (file allegato)",
            " (bestand bijgevoegd)",
            " (файл добавлен)",
            " (dosya ekli)",
            " (file terlampir)",
            " (załączony plik)",
            " (ملف مرفق)",
            " (फ़ाइल संलग्न)",
            " (файл додано)");

    /** Opening of iOS {@code <attached: NAME>}. */
    static final List<String> ATTACHED = List.of(
            "<attached: ",
            "<Anhang: ",
            "<adjunto: ",
            "<anexo: ",
            "<pièce jointe : ",
            "<pièce jointe: ",
            "<allegato: ",
            "<bijlage: ",
            "<вложение: ",
            "<ek: ",
            "<lampiran: ");

    /** Trailing edit marks. */
    static final List<String> EDITED = List.of(
            "<This message was edited>",
            "<Diese Nachricht wurde bearbeitet>",
            "<Se editó este mensaje.>",
            "<Este mensaje fue editado>",
            "<Esta mensagem foi editada>",
            "<Mensagem editada>",
            "<Ce message a été modifié>",
            "<Questo messaggio è stato modificato>",
            "<Dit bericht is bewerkt>",
            "<Сообщение изменено>",
            "<Bu mesaj düzenlendi>",
            "<Pesan ini telah diedit>",
            "<Wiadomość została edytowana>");

    /** Poll openings and their option prefixes, pairwise. */
    static final List<String> POLL = List.of("POLL:", "ENCUESTA:", "ENQUETE:", "UMFRAGE:", "SONDAGE :", "SONDAGGIO:");

    static final List<String> OPTION = List.of("OPTION: ", "OPCIÓN: ", "OPÇÃO: ", "OPTION: ", "OPTION : ", "OPZIONE: ");

    static final String MAPS = "maps.google.com/?q=";

    /** What a placeholder stands for. */
    record Placeholder(MessageKind kind, MediaType mediaType, boolean video, boolean missed) {}

    static {
        media(
                MediaType.UNKNOWN,
                "<Media omitted>",
                "<Multimedia omitido>",
                "<Mídia oculta>",
                "<Multimédia omitida>",
                "<Medien ausgeschlossen>",
                "<Médias omis>",
                "<Media omessi>",
                "<Media weggelaten>",
                "<Без медиафайлов>",
                "<Medya dahil edilmedi>",
                "<Media tidak disertakan>",
                "<تم استبعاد الوسائط>",
                "<मीडिया के बिना>",
                "<Pominięto multimedia>",
                "<Медіафайли пропущено>",
                "<メディアなし>",
                "<미디어 파일 제외됨>",
                "<省略影音内容>",
                "<媒体文件已省略>",
                "<رسانه حذف شد>",
                "<Tệp phương tiện bị bỏ qua>",
                "<Media dikecualikan>",
                "<Media utelämnad>",
                "<ไม่รวมสื่อ>");
        media(
                MediaType.IMAGE,
                "image omitted",
                "Bild weggelassen",
                "imagen omitida",
                "imagem ocultada",
                "image absente",
                "immagine omessa",
                "afbeelding weggelaten",
                "изображение отсутствует",
                "görüntü dahil edilmedi",
                "gambar tidak disertakan");
        media(
                MediaType.VIDEO,
                "video omitted",
                "Video weggelassen",
                "video omitido",
                "vídeo omitido",
                "vidéo absente",
                "video omesso",
                "video weggelaten",
                "видео отсутствует",
                "video dahil edilmedi",
                "video tidak disertakan");
        media(
                MediaType.AUDIO,
                "audio omitted",
                "Audio weggelassen",
                "audio omitido",
                "áudio ocultado",
                "audio omis",
                "audio omesso",
                "audio weggelaten",
                "аудио отсутствует",
                "ses dahil edilmedi",
                "audio tidak disertakan");
        media(
                MediaType.STICKER,
                "sticker omitted",
                "Sticker weggelassen",
                "sticker omitido",
                "figurinha omitida",
                "sticker omis",
                "sticker omesso",
                "sticker weggelaten",
                "стикер отсутствует",
                "Çıkartma dahil edilmedi",
                "stiker tidak disertakan");
        media(MediaType.GIF, "GIF omitted", "GIF weggelassen", "GIF omitido", "GIF retiré", "GIF omessa");
        media(
                MediaType.DOCUMENT,
                "document omitted",
                "Dokument weggelassen",
                "documento omitido",
                "document omis",
                "documento omesso",
                "document weggelaten");
        media(
                MediaType.CONTACT,
                "Contact card omitted",
                "Kontaktkarte ausgelassen",
                "tarjeta de contacto omitida",
                "cartão do contato omitido",
                "fiche contact omise",
                "scheda contatto omessa");
        deleted(
                "This message was deleted",
                "You deleted this message",
                "Se eliminó este mensaje",
                "Eliminaste este mensaje",
                "Este mensaje fue eliminado",
                "Mensagem apagada",
                "Você apagou esta mensagem",
                "Esta mensagem foi apagada",
                "Diese Nachricht wurde gelöscht",
                "Du hast diese Nachricht gelöscht",
                "Ce message a été supprimé",
                "Vous avez supprimé ce message",
                "Questo messaggio è stato eliminato",
                "Hai eliminato questo messaggio",
                "Dit bericht is verwijderd",
                "Je hebt dit bericht verwijderd",
                "Данное сообщение удалено",
                "Вы удалили данное сообщение",
                "Bu mesaj silindi",
                "Bu mesajı sildiniz",
                "Pesan ini telah dihapus",
                "Anda telah menghapus pesan ini",
                "تم حذف هذه الرسالة",
                "لقد حذفت هذه الرسالة",
                "यह मैसेज हटा दिया गया था",
                "आपने यह मैसेज हटा दिया",
                "Ta wiadomość została usunięta",
                "Usunięto tę wiadomość",
                "Це повідомлення видалено",
                "Ви видалили це повідомлення",
                "このメッセージは削除されました",
                "メッセージを削除しました",
                "삭제된 메시지입니다",
                "메시지를 삭제했습니다",
                "此消息已删除",
                "你删除了此消息",
                "این پیام حذف شد",
                "شما این پیام را حذف کردید",
                "Tin nhắn này đã bị xóa",
                "Bạn đã xóa tin nhắn này",
                "Mesej ini telah dipadam",
                "Anda memadam mesej ini");
        call(
                false,
                true,
                "Missed voice call",
                "Missed group voice call",
                "Verpasster Sprachanruf",
                "Llamada de voz perdida",
                "Chamada de voz perdida",
                "Appel vocal manqué",
                "Chiamata vocale persa");
        call(
                true,
                true,
                "Missed video call",
                "Missed group video call",
                "Verpasster Videoanruf",
                "Videollamada perdida",
                "Chamada de vídeo perdida",
                "Appel vidéo manqué",
                "Videochiamata persa");
        call(false, false, "Voice call", "Sprachanruf", "Llamada de voz", "Chamada de voz", "Appel vocal");
        call(true, false, "Video call", "Videoanruf", "Videollamada", "Chamada de vídeo", "Appel vidéo");
        int longest = 0;
        for (String key : EXACT.keySet()) {
            longest = Math.max(longest, key.length());
            int shape = shape(key);
            EXACT_SHAPES[shape >>> 6] |= 1L << shape;
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            int byteShape = shape(bytes.length, bytes[0], bytes[bytes.length - 1]);
            EXACT_BYTE_SHAPES[byteShape >>> 6] |= 1L << byteShape;
        }
        LONGEST_EXACT = longest + 1;
    }

    /** The placeholder {@code line} is exactly, if any. */
    static @Nullable Placeholder exact(String line) {
        if (line.isEmpty() || line.length() > LONGEST_EXACT) {
            return null;
        }
        int shape = shape(line);
        return (EXACT_SHAPES[shape >>> 6] & (1L << shape)) == 0 ? null : EXACT.get(line);
    }

    /**
     * Whether the raw UTF-8 line {@code b[from, to)} may be an {@link #EXACT} placeholder once its direction marks
     * are stripped; false for nearly every line, without decoding it.
     */
    static boolean mayBeExact(byte[] b, int from, int to) {
        int start = WhatsAppHeader.skipMarks(b, from, to);
        int end = to;
        while (end - 3 >= start && WhatsAppHeader.isMark(b, end - 3)) {
            end -= 3;
        }
        if (end <= start) {
            return false;
        }
        int shape = shape(end - start, b[start], b[end - 1]);
        return (EXACT_BYTE_SHAPES[shape >>> 6] & (1L << shape)) != 0;
    }

    private static int shape(String s) {
        return shape(s.length(), s.charAt(0), s.charAt(s.length() - 1));
    }

    private static int shape(int length, int first, int last) {
        return (length * 0x9E3779B1 ^ first * 0x85EBCA6B ^ last * 0xC2B2AE35) >>> 20;
    }

    private WhatsAppPlaceholders() {}

    private static void media(MediaType type, String... wordings) {
        MessageKind kind = type == MediaType.CONTACT ? MessageKind.CONTACT : MessageKind.MEDIA;
        for (String wording : wordings) {
            EXACT.put(wording, new Placeholder(kind, type, false, false));
        }
    }

    private static void deleted(String... wordings) {
        for (String wording : wordings) {
            Placeholder deleted = new Placeholder(MessageKind.DELETED, MediaType.UNKNOWN, false, false);
            EXACT.put(wording, deleted);
            EXACT.put(wording + ".", deleted);
            EXACT.put(wording + "。", deleted);
        }
    }

    private static void call(boolean video, boolean missed, String... wordings) {
        for (String wording : wordings) {
            EXACT.put(wording, new Placeholder(MessageKind.CALL, MediaType.UNKNOWN, video, missed));
        }
    }

    /** Coarse type from WhatsApp's file naming ({@code PTT-}, {@code STK-}, {@code -PHOTO-}) and the extension. */
    static MediaType mediaTypeOf(String fileName) {
        String upper = fileName.toUpperCase(Locale.ROOT);
        int dot = upper.lastIndexOf('.');
        String ext = dot < 0 ? "" : upper.substring(dot + 1);
        if (upper.startsWith("PTT-") || (upper.contains("-AUDIO-") && ext.equals("OPUS"))) {
            return MediaType.VOICE;
        }
        if (upper.startsWith("STK-") || upper.contains("-STICKER-")) {
            return MediaType.STICKER;
        }
        if (upper.contains("-GIF-") || ext.equals("GIF")) {
            return MediaType.GIF;
        }
        return switch (ext) {
            case "JPG", "JPEG", "PNG", "HEIC", "HEIF", "BMP" -> MediaType.IMAGE;
            case "WEBP" -> MediaType.STICKER;
            case "MP4", "3GP", "MOV", "MKV", "WEBM", "AVI" -> MediaType.VIDEO;
            case "OPUS" -> MediaType.VOICE;
            case "MP3", "M4A", "AAC", "OGG", "WAV", "AMR", "FLAC" -> MediaType.AUDIO;
            case "VCF" -> MediaType.CONTACT;
            default -> MediaType.DOCUMENT;
        };
    }
}
