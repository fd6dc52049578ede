package dev.parley.server.enrichment.links;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The link-preview HTTP client's resolver: resolves a host, refuses it when any of its addresses is not public
 * (see {@link AddressGuard}), and hands Netty the vetted address, which is the one it connects to — there is no
 * second lookup an attacker's DNS could answer differently. Every address is treated as unresolved, so IP
 * literals and redirect targets pass the same check. The JDK lookup blocks, so it runs on boundedElastic.
 */
final class VettingAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final AddressGuard guard;

    VettingAddressResolverGroup(AddressGuard guard) {
        this.guard = guard;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new VettingResolver(executor, guard);
    }

    private static final class VettingResolver extends AbstractAddressResolver<InetSocketAddress> {

        private final AddressGuard guard;

        VettingResolver(EventExecutor executor, AddressGuard guard) {
            super(executor, InetSocketAddress.class);
            this.guard = guard;
        }

        @Override
        protected boolean doIsResolved(InetSocketAddress address) {
            return false; // always through doResolve: an IP literal is vetted like a name
        }

        @Override
        protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise) {
            lookup(unresolved).map(List::getFirst).subscribe(promise::trySuccess, promise::tryFailure);
        }

        @Override
        protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise) {
            lookup(unresolved).subscribe(promise::trySuccess, promise::tryFailure);
        }

        // subscribe() above is the edge between Netty's promise and Reactor: Netty owns the lifecycle here.
        private Mono<List<InetSocketAddress>> lookup(InetSocketAddress unresolved) {
            String host = unresolved.getHostString();
            int port = unresolved.getPort();
            return Mono.fromCallable(() -> InetAddress.getAllByName(host))
                    .subscribeOn(Schedulers.boundedElastic())
                    .map(addresses -> {
                        List<InetSocketAddress> vetted = new ArrayList<>(addresses.length);
                        boolean allowListed = guard.allowListed(host);
                        for (InetAddress address : addresses) {
                            String refusal = allowListed ? null : AddressGuard.refusal(address);
                            if (refusal != null) {
                                // one bad answer refuses the host: mixed answers are a DNS-rebinding signature
                                throw new RefusedAddressException(host, refusal);
                            }
                            vetted.add(new InetSocketAddress(address, port));
                        }
                        return vetted;
                    });
        }
    }
}
