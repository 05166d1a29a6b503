package io.steward.pipeline;

/** A deal stage: its place on the board and whether it closes a deal as won or lost. */
public record Stage(String name, int position, boolean won, boolean lost) {

  public boolean open() {
    return !won && !lost;
  }
}
