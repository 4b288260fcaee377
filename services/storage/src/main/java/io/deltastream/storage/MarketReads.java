package io.deltastream.storage;

import io.deltastream.store.DocumentCollection;

/** The market-data collections this service reads (written by the worker-enricher). */
record MarketReads(DocumentCollection ticks, DocumentCollection quotes, DocumentCollection chains,
                   DocumentCollection candles) {
}
