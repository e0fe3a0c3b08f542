"""core.files.write_whole: a cache file is written whole or not at all."""

import pickle

from writ.core.files import write_whole


def test_a_written_file_holds_all_it_was_given(tmp_path):
    target = tmp_path / "deep" / "entry.pickle"
    assert write_whole(target, lambda fh: pickle.dump({"a": 1}, fh))
    assert pickle.loads(target.read_bytes()) == {"a": 1}
    assert [p.name for p in target.parent.iterdir()] == ["entry.pickle"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "entry.pickle"
    target.write_bytes(b"old")

    def half(fh):
        fh.write(b"half of it")
        pickle.dump(lambda: None, fh)  # a lambda cannot be pickled: the write fails midway

    assert not write_whole(target, half)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.pickle"]


def test_an_unwritable_place_reports_false(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not write_whole(blocker / "under" / "entry", lambda fh: fh.write(b"x"))  # a file where a folder must be
