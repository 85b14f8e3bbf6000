package dev.veil.gateway.store;

class InMemoryCaseStatesTest extends CaseStatesContract {

    @Override
    CaseStates store() {
        return InMemoryCaseStates.of(clock);
    }
}
