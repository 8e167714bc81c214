import tf from "@tensorflow/tfjs";
import tfAgain, { tensor } from "@tensorflow/tfjs";
