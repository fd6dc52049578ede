package dev.parley.loadtest.generator;

/** Attachment kinds with the names WhatsApp gives them on Android and iOS. */
enum MediaType {
    IMAGE("IMG", "PHOTO", "jpg", "image omitted"),
    VIDEO("VID", "VIDEO", "mp4", "video omitted"),
    AUDIO("PTT", "AUDIO", "opus", "audio omitted"),
    STICKER("STK", "STICKER", "webp", "sticker omitted"),
    GIF("VID", "GIF", "mp4", "GIF omitted"),
    DOCUMENT("DOC", "DOCUMENT", "pdf", "document omitted");

    final String androidPrefix;
    final String iosWord;
    final String extension;
    final String iosOmitted;

    MediaType(String androidPrefix, String iosWord, String extension, String iosOmitted) {
        this.androidPrefix = androidPrefix;
        this.iosWord = iosWord;
        this.extension = extension;
        this.iosOmitted = iosOmitted;
    }
}
