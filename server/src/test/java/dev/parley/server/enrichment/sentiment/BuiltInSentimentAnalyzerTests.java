package dev.parley.server.enrichment.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.test.StepVerifier;

class BuiltInSentimentAnalyzerTests {

    private final BuiltInSentimentAnalyzer analyzer = new BuiltInSentimentAnalyzer();

    /** Compound scores published in VADER's README for its reference implementation. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "VADER is smart, handsome, and funny.|0.8316",
                "VADER is smart, handsome, and funny!|0.8439",
                "VADER is very smart, handsome, and funny.|0.8545",
                "VADER is VERY SMART, handsome, and FUNNY.|0.9227",
                "VADER is VERY SMART, handsome, and FUNNY!!!|0.9342",
                "VADER is not smart, handsome, nor funny.|-0.7424",
                "The book was good.|0.4404",
                "At least it isn't a horrible book.|0.431",
                "The plot was good, but the characters are uncompelling and the dialog is not great.|-0.7042",
                "Today SUX!|-0.5461",
                "Make sure you :) or :D today!|0.8633",
                "Not bad at all|0.431"
            })
    void compound_givenVaderReferenceSentences_matchesReference(String text, double expected) {
        assertThat(Vader.compound(text)).isCloseTo(expected, within(0.02));
    }

    @Test
    void compound_givenNegation_flipsPolarity() {
        assertThat(Vader.compound("this is good")).isPositive();
        assertThat(Vader.compound("this is not good")).isNegative();
        assertThat(Vader.compound("this isn't good")).isNegative();
    }

    @Test
    void compound_givenIntensifierCapsAndExclamation_strengthens() {
        double plain = Vader.compound("the food is good");
        double boosted = Vader.compound("the food is very good");
        double caps = Vader.compound("the food is GOOD");
        double shouted = Vader.compound("the food is good!!!");
        assertThat(boosted).isGreaterThan(plain);
        assertThat(caps).isGreaterThan(plain);
        assertThat(shouted).isGreaterThan(plain);
    }

    @Test
    void compound_givenElongatedWord_scoresSqueezedWordWithEmphasis() {
        assertThat(Vader.compound("that was goooood")).isGreaterThan(Vader.compound("that was good"));
        assertThat(Vader.compound("sooooo baaaad")).isNegative();
    }

    @Test
    void compound_givenBut_weighsTheSecondClauseMore() {
        assertThat(Vader.compound("the food was great but the service was horrible"))
                .isNegative();
        assertThat(Vader.compound("the service was horrible but the food was great"))
                .isPositive();
    }

    @Test
    void compound_givenEmojiAndEmoticons_scoresThem() {
        assertThat(Vader.compound("😂")).isPositive();
        assertThat(Vader.compound("😭")).isNegative();
        assertThat(Vader.compound("❤️")).isPositive();
        assertThat(Vader.compound(":(")).isNegative();
        assertThat(Vader.compound("lol")).isPositive();
    }

    @Test
    void analyze_givenEnglish_scoresWithLabelAndModel() {
        var result = analyzer.analyze("I love this, thank you so much!");
        assertThat(result).isInstanceOfSatisfying(SentimentResult.Scored.class, scored -> {
            assertThat(scored.sentiment().score()).isBetween(0.05, 1.0);
            assertThat(scored.sentiment().label()).isEqualTo("positive");
            assertThat(scored.sentiment().model()).isEqualTo(BuiltInSentimentAnalyzer.MODEL);
        });
        assertThat(analyzer.analyze("ok")).isInstanceOf(SentimentResult.Scored.class);
        assertThat(analyzer.analyze("see you at 5")).isInstanceOf(SentimentResult.Scored.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "No me gusta nada, es muy malo para mí|es",
                "Je suis très content de te voir, merci|fr",
                "Das ist nicht gut, ich bin sehr traurig|de",
                "Grazie mille, sono molto felice|it",
                "Muito obrigado, você é demais|pt",
                "Ik ben heel blij met je|nl",
                "Привет, как дела? Всё хорошо|und-Cyri",
                "今日はとても楽しかったです|und-"
            })
    void analyze_givenNonEnglish_isUnscoredWithLanguage(String text, String language) {
        assertThat(analyzer.analyze(text)).isInstanceOfSatisfying(SentimentResult.Unscored.class, unscored -> {
            assertThat(unscored.reason()).isEqualTo("language");
            assertThat(unscored.language()).startsWith(language);
        });
    }

    @Test
    void analyze_givenNoText_isUnscored() {
        assertThat(analyzer.analyze("  "))
                .isInstanceOfSatisfying(
                        SentimentResult.Unscored.class,
                        unscored -> assertThat(unscored.reason()).isEqualTo("no-text"));
    }

    @Test
    void analyze_givenBatch_returnsOneResultPerTextInOrder() {
        analyzer.analyze(List.of("great", "terrible", "hola amigo, ¿qué tal?"))
                .as(StepVerifier::create)
                .assertNext(results -> {
                    assertThat(results).hasSize(3);
                    assertThat(((SentimentResult.Scored) results.get(0))
                                    .sentiment()
                                    .label())
                            .isEqualTo("positive");
                    assertThat(((SentimentResult.Scored) results.get(1))
                                    .sentiment()
                                    .label())
                            .isEqualTo("negative");
                    assertThat(results.get(2)).isInstanceOf(SentimentResult.Unscored.class);
                })
                .verifyComplete();
    }
}
