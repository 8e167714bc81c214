import * as tf from "@tensorflow/tfjs";
import _ from "lodash";
import { helper } from "./helpers";
