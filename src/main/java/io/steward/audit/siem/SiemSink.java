package io.steward.audit.siem;

import io.steward.audit.chain.ChainRow;
import java.io.IOException;
import java.util.List;

/** Somewhere events go after they are committed. A send either delivers every row or throws. */
interface SiemSink extends AutoCloseable {

  /** Names the sink's cursor row; stable across restarts. */
  String name();

  void send(List<ChainRow> rows) throws IOException;

  @Override
  void close();
}
