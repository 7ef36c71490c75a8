package dev.basalt.engine.exec.spill;

import dev.basalt.engine.exec.QueryMemory;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only list of rows (a recursive CTE's result and working tables): rows stay in memory
 * while the lease's budget allows, the rest go to one spill file in order. It is a {@code List} so
 * the operators that read a materialized list (a working table read by {@code ListOperator}) need
 * no second path; reading is meant to be sequential: {@link #get} of the next index is one file
 * read, an earlier index re-reads the file from its start (a working table on the inner side of a
 * nested loop is read again per outer row).
 */
public final class SpillableRows extends AbstractList<Object[]> implements AutoCloseable {
    private final QueryMemory.Lease memory = QueryMemory.forHash();
    private final List<Object[]> inMemory = new ArrayList<>();
    private SpillFile file;
    private long fileRows;
    /** Index (within the file) of the row the next file read returns. */
    private long cursor;

    /** Appends a row (kept as is in memory; encoded at once when it goes to the file); all appends come before reads. */
    public void append(Object[] row) {
        if (file == null && (inMemory.isEmpty() || memory.tryAdd(row))) {
            inMemory.add(row);
            return;
        }
        if (file == null) file = SpillFile.create();
        file.write(row);
        fileRows++;
    }

    @Override public int size() {
        return (int) Math.min(Integer.MAX_VALUE, inMemory.size() + fileRows);
    }

    @Override public Object[] get(int index) {
        if (index < inMemory.size()) return inMemory.get(index);
        long at = index - (long) inMemory.size();
        if (at >= fileRows) throw new IndexOutOfBoundsException(index);
        if (at < cursor) {
            file.rewind();
            cursor = 0;
        }
        Object[] r;
        do {
            r = file.read();
            cursor++;
        } while (cursor <= at);
        return r;
    }

    /** True when some rows went to disk. */
    public boolean spilled() { return file != null; }

    /** Deletes the file, forgets the rows and gives their memory back. */
    @Override public void close() {
        memory.release();
        if (file != null) file.close();
        file = null;
        fileRows = 0;
        cursor = 0;
        inMemory.clear();
    }
}
