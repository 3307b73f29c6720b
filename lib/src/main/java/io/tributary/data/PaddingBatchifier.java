package io.tributary.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.StackBatchifier;

/**
 * Stacks samples into a batch, padding with zeros along the first axis where the samples' lengths
 * differ: a batch is as long as its longest sample, and the zero padding of a mask marks the padded
 * steps. Arrays of equal shape are stacked as they are.
 */
public final class PaddingBatchifier implements Batchifier {

    private static final long serialVersionUID = 1L;

    private final StackBatchifier stack = new StackBatchifier();

    @Override
    public NDList batchify(NDList[] samples) {
        int width = samples[0].size();
        NDList batch = new NDList(width);
        for (int k = 0; k < width; k++) {
            NDArray[] column = new NDArray[samples.length];
            long longest = 0;
            for (int i = 0; i < samples.length; i++) {
                column[i] = samples[i].get(k);
                if (column[i].getShape().dimension() > 0) {
                    longest = Math.max(longest, column[i].getShape().get(0));
                }
            }
            for (int i = 0; i < column.length; i++) {
                column[i] = padTo(column[i], longest);
            }
            NDArray stacked = NDArrays.stack(new NDList(column));
            stacked.setName(samples[0].get(k).getName());
            batch.add(stacked);
        }
        return batch;
    }

    private static NDArray padTo(NDArray array, long length) {
        Shape shape = array.getShape();
        if (shape.dimension() == 0 || shape.get(0) == length) {
            return array;
        }
        long[] padShape = shape.getShape();
        padShape[0] = length - shape.get(0);
        NDArray padding = array.getManager().zeros(new Shape(padShape), array.getDataType());
        return array.concat(padding, 0);
    }

    @Override
    public NDList[] unbatchify(NDList inputs) {
        return stack.unbatchify(inputs);
    }

    @Override
    public NDList[] split(NDList list, int numOfSlices, boolean evenSplit) {
        return stack.split(list, numOfSlices, evenSplit);
    }
}
