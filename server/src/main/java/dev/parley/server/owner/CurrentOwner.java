package dev.parley.server.owner;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who is asking. Every row has an owner and every query takes one, so authentication can arrive later by changing
 * only this class (e.g. reading the principal from the exchange). Until then everything belongs to one owner.
 */
@Component
public class CurrentOwner {

    /** The owner of everything while Parley has no authentication. */
    public static final String DEFAULT_OWNER = "local";

    public Mono<String> id() {
        return Mono.just(DEFAULT_OWNER);
    }
}
