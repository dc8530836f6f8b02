/**
 * Labelled datasets and the task pairs built from them.
 *
 * <h2>Readers</h2>
 * Each reader returns a {@link org.defrost.tasks.data.DatasetPart} (inputs flattened to float, labels as
 * class indices) and checks, before anything is trained, that the files exist and are well formed, that
 * there is one label per input, that every input is finite and every label lies in the declared classes;
 * a failure is an {@link org.defrost.tasks.InvalidDatasetException} naming the file and the problem.
 * <ul>
 *   <li>{@link org.defrost.tasks.data.IdxDataset}: IDX image and label files (MNIST family), plain or gzip.
 *   <li>{@link org.defrost.tasks.data.NpyDataset}: a {@code .npy} input array (n, ...) and a label array (n).
 *   <li>{@link org.defrost.tasks.data.CsvDataset}: one example per line, see {@link org.defrost.tasks.data.CsvLayout}.
 *   <li>{@link org.defrost.tasks.data.FashionMnist}: Debian's {@code dataset-fashion-mnist} at its installed path.
 * </ul>
 *
 * <h2>Task pairs</h2>
 * {@link org.defrost.tasks.data.DatasetTaskPairBuilder} selects classes and labels for each task with
 * {@link org.defrost.tasks.data.ClassGrouping}s (class split, relabelling), optionally changes the target's
 * inputs ({@link org.defrost.tasks.data.InputChange}: noise, pixel permutation, rotation), standardises with
 * source training statistics only ({@link org.defrost.tasks.data.Standardisation}) and writes the task-pair
 * layout of {@link org.defrost.tasks}.
 */
package org.defrost.tasks.data;
