"""``kim terbitkan``: check, build into a fresh folder, prove the output whole, then publish it.

Each step runs only when the one before succeeded, so the published branch
only ever receives a complete, checked site; on any failure it stays exactly
as it was. The remote is asked before anything is built; the temporary build
folder is removed on every way out, signals included; a full disk is reported
in Indonesian (:mod:`.publish_cleanup`). ``make publish`` runs this command.
With ``--ke-folder`` it stops after the checks and leaves the site in a new
folder, for hosts that deploy a folder themselves (GitLab Pages, Cloudflare
Pages, Netlify).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from typing import Any

from warta_core.problems import format_report
from warta_core.validation import check_network
from warta_network.state import warta_state
from warta_publish.branch import PublishError, check_remote, publish_branch
from warta_publish.capacity import over_limit_problems
from warta_publish.output_check import check_output
from warta_publish.settings import setting
from warta_syndication.formats import FEED_FILES

from .build import capacity_forecast, pelican_build, print_totals
from .options import PUBLISH_SETTINGS_FILE, add_settings_option
from .publish_cleanup import (
    Stopped,
    remove_folder,
    remove_stale_folders,
    report_disk_problem,
    stop_on_signals,
    temporary_folder,
)

MAX_LISTED_PROBLEMS = 100  # a systematic fault can break thousands of links; the first ones show the pattern


def add_parser(commands) -> None:
    """Register the ``publish`` sub-command."""
    parser = commands.add_parser(
        "terbitkan",
        aliases=["publish"],
        help="periksa, bangun, dan terbitkan portal ke cabang gh-pages",
        description=(
            "Memeriksa konten, membangun portal dengan publishconf.py ke folder sementara, memeriksa hasilnya "
            "(beranda, halaman 404, semua tautan internal, nama berkas, ukuran), lalu menyimpannya ke cabang terbit "
            "dengan ghp-import dan mengirimnya ke remote. Bila satu langkah gagal, cabang terbit tidak berubah."
        ),
    )
    add_settings_option(parser, PUBLISH_SETTINGS_FILE)
    parser.add_argument(
        "--tujuan",
        "--remote",
        dest="remote",
        default="origin",
        help="remote git tujuan: nama atau alamat (bawaan: origin)",
    )
    parser.add_argument("--cabang", dest="branch", default="gh-pages", help="cabang terbit (bawaan: gh-pages)")
    history = parser.add_mutually_exclusive_group()
    history.add_argument(
        "--tanpa-riwayat",
        "--no-history",
        dest="keep_history",
        action="store_false",
        help=(
            "ganti cabang terbit dengan satu commit tanpa riwayat (push --force-with-lease), sehingga halaman dan "
            "foto yang sudah ditarik tidak tersisa di riwayat cabang itu (bawaan, kecuali "
            "WARTA_PUBLISH_KEEP_HISTORY = True)"
        ),
    )
    history.add_argument(
        "--dengan-riwayat",
        "--keep-history",
        dest="keep_history",
        action="store_true",
        help="tambahkan commit baru di atas riwayat cabang terbit (tanpa force push); berkas lama tetap ada di riwayat",
    )
    parser.set_defaults(keep_history=None)  # neither option: the setting WARTA_PUBLISH_KEEP_HISTORY decides
    parser.add_argument(
        "--ke-folder",
        dest="folder",
        default=None,
        metavar="FOLDER",
        help="hanya periksa dan bangun ke FOLDER baru (untuk GitLab Pages, Cloudflare Pages, Netlify); tanpa git",
    )
    parser.set_defaults(run=run)


def abort(args: argparse.Namespace) -> int:
    """Say that publishing stopped and that the published branch is untouched (the reason is already printed)."""
    print(
        f'Penerbitan dibatalkan: tidak ada yang dikirim; cabang {args.branch} di remote "{args.remote}" '
        "tetap seperti semula.",
        file=sys.stderr,
    )
    return 1


def source_commit() -> str:
    """Short id of the checked-out source commit, for the published commit's message."""
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


def article_sources(settings: dict[str, Any], content: str) -> dict[str, str]:
    """Output page of every article -> its Markdown file (relative to the content's parent folder)."""
    root = os.path.dirname(os.path.abspath(content))
    return {
        settings["ARTICLE_SAVE_AS"].format(kim=source.kim.slug, slug=source.slug): os.path.relpath(path, root)
        for path, source in warta_state(settings).articles.items()
    }


def report_output_problems(problems: list[str]) -> None:
    """Print the output check's problems, the first ones only when a systematic fault produced thousands."""
    listed = problems[:MAX_LISTED_PROBLEMS]
    print(f"Pemeriksaan hasil menemukan {len(problems)} masalah:", file=sys.stderr)
    print("\n".join(f"  {problem}" for problem in listed), file=sys.stderr)
    if len(problems) > len(listed):
        print(f"  … dan {len(problems) - len(listed)} masalah lain.", file=sys.stderr)


def checked_build(args: argparse.Namespace, output: str) -> tuple[dict[str, Any], dict[str, int]] | None:
    """Steps 1-3: check the content, build into ``output``, check the output; None (reported) on failure."""
    checked = check_network(args.content)
    if checked.problems:
        print(format_report(checked.problems.items, os.path.dirname(os.path.abspath(args.content))), file=sys.stderr)
    if not checked.ok:
        print("Konten belum lolos pemeriksaan.", file=sys.stderr)
        return None
    print(
        f"1/4 Pemeriksaan konten: semua baik ({len(checked.articles)} berkas berita dari "
        f"{len(checked.network.kims)} KIM diperiksa)."
    )
    started = time.perf_counter()
    settings = pelican_build(args.content, args.settings, output)
    if settings is None:
        print("Pembangunan gagal.", file=sys.stderr)
        return None
    print(f"2/4 Pembangunan dengan {args.settings} (alamat situs: {settings['SITEURL'] or '/'}):")
    totals = print_totals(settings, time.perf_counter() - started)
    limit = setting(settings, "WARTA_PUBLISH_SITE_SIZE_LIMIT")
    report = check_output(output, settings["SITEURL"], limit, article_sources(settings, args.content))
    report.problems += over_limit_problems(capacity_forecast(settings, totals))  # the host's file limits
    if not report.ok:
        report_output_problems(report.problems)
        print("Hasil pembangunan tidak utuh.", file=sys.stderr)
        return None
    print(
        f"3/4 Pemeriksaan hasil: {report.pages} halaman dan {report.feeds} umpan, "
        f"{report.links} tautan; semua tautan internal menuju berkas yang ada."
    )
    return settings, totals


def build_into_folder(args: argparse.Namespace) -> int:
    """``--ke-folder``: steps 1-3 only, for hosts that deploy a folder (GitLab Pages, Cloudflare Pages, Netlify)."""
    folder = os.path.abspath(args.folder)
    if os.path.exists(folder) and (not os.path.isdir(folder) or os.listdir(folder)):
        print(f"Folder '{args.folder}' sudah berisi berkas. Pilih folder baru atau kosongkan dulu.", file=sys.stderr)
        return 2
    try:
        built = checked_build(args, folder)
    except BaseException:  # a signal or a full disk: no half-written site either
        remove_folder(folder)
        raise
    if built is None:
        remove_folder(folder)  # never leave a broken site where a host could deploy it
        print(f"Penerbitan dibatalkan: folder '{args.folder}' tidak dibuat.", file=sys.stderr)
        return 1
    print(f"4/4 Siap diunggah: situs yang sudah diperiksa ada di folder '{args.folder}'.")
    return 0


def announce_feeds(settings: dict[str, Any], published_files: list[str]) -> None:
    """Tell the WebSub hub (when configured) which feeds this publish changed; never fails the publish."""
    hub = warta_state(settings).info.websub_hub
    feeds = [name for name in published_files if name.rsplit("/", 1)[-1] in FEED_FILES]
    if not hub or not feeds:
        return
    # Imported here, not at the top: `kim` loads every command module, and `kim bangun` must not load httpx.
    from warta_syndication.websub import ping_hub  # noqa: PLC0415

    results = ping_hub(hub, [f"{settings['SITEURL'].rstrip('/')}/{name}" for name in feeds])
    failed = [result for result in results if not result.ok]
    print(f"WebSub: {len(results) - len(failed)} dari {len(results)} umpan yang berubah diberitahukan ke {hub}.")
    for result in failed:
        print(f"  peringatan: hub tidak menerima {result.topic} ({result.error or result.status})", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Check, build, check the output, publish; 1 on any failure, 2 for bad arguments, 128+N on signal N."""
    if not os.path.isdir(args.content):
        print(f"Folder konten '{args.content}' tidak ditemukan.", file=sys.stderr)
        return 2
    if not os.path.isfile(args.settings):
        print(f"Berkas pengaturan '{args.settings}' tidak ditemukan.", file=sys.stderr)
        return 2
    if args.folder and args.keep_history is not None:
        print(
            "--tanpa-riwayat dan --dengan-riwayat hanya berlaku untuk cabang git, bukan --ke-folder.", file=sys.stderr
        )
        return 2
    with stop_on_signals():
        try:
            remove_stale_folders()
            return build_into_folder(args) if args.folder else publish(args)
        except Stopped as stop:
            print(f"Penerbitan dihentikan oleh sinyal {stop.name}; folder sementara sudah dihapus.", file=sys.stderr)
            return 128 + stop.signum
        except OSError as error:
            if not report_disk_problem(error, args.folder):
                raise
            return abort(args)


def publish(args: argparse.Namespace) -> int:
    """Ask the remote first, then build into a temporary folder and publish it to the branch."""
    try:
        published = check_remote(args.remote, args.branch)
    except PublishError as error:
        print(error, file=sys.stderr)
        print("Portal belum dibangun; perbaiki remote lalu jalankan lagi.", file=sys.stderr)
        return abort(args)
    state = f"sekarang di commit {published[:12]}" if published else "belum ada (penerbitan pertama)"
    print(f'Remote "{args.remote}" dapat dihubungi; cabang {args.branch} {state}.')
    with temporary_folder() as output:
        try:
            built = checked_build(args, output)
            if built is None:
                return abort(args)
            settings, totals = built
            domain = setting(settings, "WARTA_PUBLISH_DOMAIN")
            keep_history = args.keep_history
            if keep_history is None:
                keep_history = setting(settings, "WARTA_PUBLISH_KEEP_HISTORY")
            source = source_commit()
            message = f"Terbitkan portal: {totals['berita']} berita" + (f" (sumber {source})" if source else "")
            result = publish_branch(
                output,
                remote=args.remote,
                branch=args.branch,
                domain=domain,
                message=message,
                keep_history=keep_history,
            )
        except PublishError as error:
            print(error, file=sys.stderr)
            return abort(args)
        except OSError as error:
            if not report_disk_problem(error, None, output):
                raise
            return abort(args)

    announce_feeds(settings, result.changed_files())
    if not result.changed and not result.pushed:
        print(
            f"4/4 Tidak ada perubahan sejak penerbitan terakhir: cabang {args.branch} di remote "
            f'"{args.remote}" tetap di commit {result.commit[:12]}; tidak ada commit baru.'
        )
    else:
        cname = f", CNAME {domain}" if domain else ""
        print(
            f'4/4 Terbit: cabang {args.branch} di remote "{args.remote}" sekarang di commit {result.commit[:12]} '
            f"(dengan .nojekyll{cname})."
        )
    if result.replaced:
        print(
            f"Riwayat cabang {args.branch} diganti: cabang itu kini satu commit; commit {result.previous[:12]} "
            "dan yang sebelumnya tidak lagi terjangkau dari cabang itu."
        )
    elif not keep_history and result.pushed:
        print(f"Cabang {args.branch} terbit tanpa riwayat: satu commit.")
    return 0
