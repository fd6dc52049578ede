package dev.parley.server.enrichment.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The wire format of a remote sentiment service. */
sealed interface SentimentProtocol {

    JsonMapper JSON = JsonMapper.builder().build();

    String path();

    byte[] request(List<String> texts);

    /** One result per text, in order; a response of the wrong shape is an {@link IllegalStateException}. */
    List<SentimentResult> response(byte[] body, int expected, String model);

    /**
     * Hugging Face text-embeddings-inference {@code POST /predict} for a sequence-classification model: a batch is
     * {@code {"inputs": [["t1"], ["t2"]]}}, the answer a list of {@code [{"score", "label"}]} per text. The score
     * in [-1, 1] is P(positive) − P(negative); the label is the most probable one.
     */
    record Tei() implements SentimentProtocol {

        @Override
        public String path() {
            return "/predict";
        }

        @Override
        public byte[] request(List<String> texts) {
            return JSON.writeValueAsBytes(
                    Map.of("inputs", texts.stream().map(List::of).toList(), "truncate", true, "raw_scores", false));
        }

        @Override
        public List<SentimentResult> response(byte[] body, int expected, String model) {
            JsonNode root = JSON.readTree(body);
            if (expected == 1
                    && root.isArray()
                    && root.size() > 0
                    && root.get(0).isObject()) {
                return List.of(scored(root, model)); // a single input may come back unwrapped
            }
            if (!root.isArray() || root.size() != expected) {
                throw new IllegalStateException("TEI answered " + root.size() + " results for " + expected + " inputs");
            }
            List<SentimentResult> results = new ArrayList<>(expected);
            for (JsonNode labels : root) {
                results.add(scored(labels, model));
            }
            return results;
        }

        private static SentimentResult scored(JsonNode labels, String model) {
            double positive = 0;
            double negative = 0;
            String top = "neutral";
            double topScore = -1;
            for (JsonNode entry : labels) {
                String label = entry.path("label").asString("").toLowerCase(Locale.ROOT);
                double p = entry.path("score").asDouble(0);
                switch (label) {
                    case "positive", "pos", "label_2" -> positive = p;
                    case "negative", "neg", "label_0" -> negative = p;
                    default -> {}
                }
                if (p > topScore) {
                    topScore = p;
                    top = switch (label) {
                        case "pos", "label_2" -> "positive";
                        case "neg", "label_0" -> "negative";
                        case "neu", "label_1" -> "neutral";
                        default -> label;
                    };
                }
            }
            double score = Math.round((positive - negative) * 10_000) / 10_000.0;
            return new SentimentResult.Scored(new Sentiment(score, top, model), null);
        }
    }

    /**
     * Parley's generic batch protocol, {@code POST /v1/sentiment}: {@code {"texts": ["t1", "t2"]}} answered by
     * {@code {"model": "m", "results": [{"score": 0.8, "label": "positive"}, {"error": "why"}]}} — one result per
     * text, in order, score in [-1, 1]; an {@code error} fails that text only.
     */
    record Generic() implements SentimentProtocol {

        @Override
        public String path() {
            return "/v1/sentiment";
        }

        @Override
        public byte[] request(List<String> texts) {
            return JSON.writeValueAsBytes(Map.of("texts", texts));
        }

        @Override
        public List<SentimentResult> response(byte[] body, int expected, String model) {
            JsonNode root = JSON.readTree(body);
            JsonNode results = root.path("results");
            if (!results.isArray() || results.size() != expected) {
                throw new IllegalStateException(
                        "Service answered " + results.size() + " results for " + expected + " texts");
            }
            String answeredModel = root.path("model").asString(model);
            List<SentimentResult> out = new ArrayList<>(expected);
            for (JsonNode result : results) {
                if (result.hasNonNull("error")) {
                    out.add(new SentimentResult.Failed(result.path("error").asString("error")));
                } else {
                    double score = Math.max(-1, Math.min(1, result.path("score").asDouble(0)));
                    String label = result.path("label").asString(Sentiment.labelOf(score));
                    out.add(new SentimentResult.Scored(
                            new Sentiment(score, label, answeredModel),
                            result.path("language").asString(null)));
                }
            }
            return out;
        }
    }
}
