package org.yimatong.tokens.revocation;

class InMemoryRevocationListTest extends RevocationListContract {

    @Override
    protected RevocationList newList() {
        return new InMemoryRevocationList();
    }
}
